// Who is signed in: asked from the server when the app starts (and again on request when that failed), set by login, cleared by logout (with the local copies).
import { createResource } from 'solid-js'
import type { SessionUser } from '../../shared/identity'
import { api, ApiError, lastLoaded } from './api'
import { clearLocalCopies } from './local-copy'

const [session, { mutate, refetch }] = createResource(async (): Promise<SessionUser | null> => {
  try {
    return await api.me()
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null
    throw error
  }
})

/** The signed-in person; null when nobody is, undefined when the server could not be asked (before its first answer, reading it suspends). */
export const currentUser = () => lastLoaded(session)
export const sessionLoading = () => session.loading
/** Why the server could not say who is signed in (it is unreachable, say); the app offers to ask again. */
export const sessionError = (): Error | undefined => session.error
export const askSessionAgain = () => void refetch()

export async function signIn(username: string, password: string): Promise<void> {
  const user = await api.login(username, password)
  mutate(user)
  // Whoever used this browser before and did not sign out leaves no readable copies for the next person.
  await clearLocalCopies(user.id)
}

/** Asks the server again who we are: a lead may have changed our role while a page is open. */
export async function refreshCurrentUser(): Promise<void> {
  const user = await api.me().catch(() => undefined)
  if (user) mutate(user)
}

export async function signOut(): Promise<void> {
  await api.logout().catch(() => undefined)
  // Unmounts an open board first, so its local copy is closed and can be deleted.
  mutate(null)
  // Shared office computers: nothing of this user's proposals stays in the browser.
  await clearLocalCopies()
}
