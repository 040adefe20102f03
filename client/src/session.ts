// Who is signed in: asked once from the server, set by login, cleared by logout.
import { createResource } from 'solid-js'
import type { SessionUser } from '../../shared/identity'
import { api, ApiError } from './api'

const [currentUser, { mutate }] = createResource(async (): Promise<SessionUser | null> => {
  try {
    return await api.me()
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
})

export { currentUser }

export async function signIn(username: string, password: string): Promise<void> {
  mutate(await api.login(username, password))
}

/** Asks the server again who we are: a lead may have changed our role while a page is open. */
export async function refreshCurrentUser(): Promise<void> {
  const user = await api.me().catch(() => undefined)
  if (user) mutate(user)
}

export async function signOut(): Promise<void> {
  await api.logout().catch(() => undefined)
  mutate(null)
}
