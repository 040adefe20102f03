// The app shell: header, and the page for the current path (each page loaded on demand).
import { createMemo, lazy, Match, Show, Suspense, Switch } from 'solid-js'
import { Link, pathname } from './router'
import { currentUser, signOut } from './session'

const ProposalList = lazy(() => import('./pages/ProposalList'))
const ProposalPage = lazy(() => import('./pages/ProposalPage'))
const Login = lazy(() => import('./pages/Login'))

/** `/p/:id` → the id; anything else → undefined. */
const proposalIdOf = (path: string) => /^\/p\/([^/]+)\/?$/.exec(path)?.[1]

export function App() {
  const proposalId = createMemo(() => proposalIdOf(pathname()))
  return (
    <>
      <header class="app-header">
        <div class="app-header-inner">
          <Link href="/" class="brand">
            Mitzeichnung
          </Link>
          <span class="brand-sub">Vorlagen für den Gemeinderat</span>
          <Show when={currentUser()}>
            {(user) => (
              <div class="user-box" data-testid="user-box">
                <span>
                  {user().displayName} · {user().departmentName}
                </span>
                <button type="button" class="link-button" onClick={() => void signOut()}>
                  Abmelden
                </button>
              </div>
            )}
          </Show>
        </div>
      </header>
      <main class="app-main">
        <Suspense fallback={<p class="muted">Wird geladen …</p>}>
          <Switch fallback={<NotFound />}>
            <Match when={currentUser() === null}>
              <Login />
            </Match>
            <Match when={currentUser.loading}>
              <p class="muted">Wird geladen …</p>
            </Match>
            <Match when={pathname() === '/'}>
              <ProposalList />
            </Match>
            {/* keyed: another id is another page, with its own document and connection. */}
            <Match when={proposalId()} keyed>
              {(id) => <ProposalPage id={id} />}
            </Match>
          </Switch>
        </Suspense>
      </main>
    </>
  )
}

function NotFound() {
  return (
    <section class="notice">
      <h1>Seite nicht gefunden</h1>
      <p>
        <Link href="/">Zur Übersicht der Vorlagen</Link>
      </p>
    </section>
  )
}
