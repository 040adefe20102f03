// The app shell: header with language switch and user, and the page for the current path (each loaded on demand).
import { createMemo, lazy, Match, Show, Suspense, Switch } from 'solid-js'
import { lang, setLang, t, type Lang } from './i18n'
import { Link, pathname } from './router'
import { askSessionAgain, currentUser, sessionError, sessionLoading, signOut } from './session'
import { NotificationBell } from './inbox/NotificationBell'

const HomePage = lazy(() => import('./pages/HomePage'))
const SettingsPage = lazy(() => import('./pages/SettingsPage'))
const ProposalPage = lazy(() => import('./pages/ProposalPage'))
const Login = lazy(() => import('./pages/Login'))
const VersionsPage = lazy(() => import('./pages/VersionsPage'))
const VersionPage = lazy(() => import('./pages/VersionPage'))
const AccountPage = lazy(() => import('./pages/AccountPage'))

/** `/p/:id` → the id; anything else → undefined. */
const proposalIdOf = (path: string) => /^\/p\/([^/]+)\/?$/.exec(path)?.[1]
/** `/p/:id/versions` → the id. */
const versionsOf = (path: string) => /^\/p\/([^/]+)\/versions\/?$/.exec(path)?.[1]
/** `/p/:id/versions/:version` → both ids, joined by a slash (a keyed Match needs one value). */
const versionOf = (path: string) => /^\/p\/([^/]+\/versions\/[^/]+)\/?$/.exec(path)?.[1]

export function App() {
  const proposalId = createMemo(() => proposalIdOf(pathname()))
  const versionsId = createMemo(() => versionsOf(pathname()))
  const versionPath = createMemo(() => versionOf(pathname()))
  let main!: HTMLElement
  return (
    <>
      {/* WCAG 2.4.1: past the header in one key press. The focus moves without a fragment, which the board reads as a place. */}
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault()
          main.focus()
        }}
        data-testid="skip-link"
      >
        {t('app.skipToContent')}
      </a>
      <header class="app-header">
        <div class="app-header-inner" classList={{ wide: !!(proposalId() || versionsId() || versionPath()) }}>
          <Link href="/" class="brand">
            Mitzeichnung
          </Link>
          <span class="brand-sub">{t('app.tagline')}</span>
          <div class="header-tools">
            <LanguageSwitch />
            <Show when={currentUser()}>
              {(user) => (
                <div class="user-box" data-testid="user-box">
                  <NotificationBell />
                  <span>
                    {user().displayName} · {user().departmentName}
                  </span>
                  <Link href="/account" class="link-button" data-testid="account-link">
                    {t('app.account')}
                  </Link>
                  <button type="button" class="link-button" onClick={() => void signOut()}>
                    {t('app.signOut')}
                  </button>
                </div>
              )}
            </Show>
          </div>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1} class="app-main" classList={{ wide: !!(proposalId() || versionsId() || versionPath()) }}>
        <Suspense fallback={<p class="muted">{t('app.loading')}</p>}>
          <Switch fallback={<NotFound />}>
            <Match when={sessionError()}>
              {(error) => (
                <p class="error" role="alert" data-testid="session-error">
                  {t('app.sessionError', { message: error().message })}{' '}
                  <button type="button" class="link-button" disabled={sessionLoading()} onClick={askSessionAgain}>
                    {t('app.retry')}
                  </button>
                </p>
              )}
            </Match>
            <Match when={currentUser() === null}>
              <Login />
            </Match>
            <Match when={sessionLoading()}>
              <p class="muted">{t('app.loading')}</p>
            </Match>
            <Match when={pathname() === '/'}>
              <HomePage />
            </Match>
            <Match when={pathname() === '/settings'}>
              <SettingsPage />
            </Match>
            <Match when={pathname() === '/account'}>
              <AccountPage />
            </Match>
            {/* keyed: another id is another page, with its own document and connection. */}
            <Match when={proposalId()} keyed>
              {(id) => <ProposalPage id={id} />}
            </Match>
            <Match when={versionsId()} keyed>
              {(id) => <VersionsPage id={id} />}
            </Match>
            <Match when={versionPath()} keyed>
              {(path) => <VersionPage id={path.split('/')[0]!} version={path.split('/')[2]!} />}
            </Match>
          </Switch>
        </Suspense>
      </main>
    </>
  )
}

function LanguageSwitch() {
  const choices: Lang[] = ['de', 'en']
  return (
    <div class="lang-switch" role="group" aria-label={t('app.language')}>
      {choices.map((choice) => (
        <button
          type="button"
          class="lang-button"
          lang={choice}
          aria-pressed={lang() === choice}
          onClick={() => setLang(choice)}
          data-testid={`lang-${choice}`}
        >
          {choice === 'de' ? 'DE' : 'EN'}
          <span class="visually-hidden"> {t(`lang.${choice}`)}</span>
        </button>
      ))}
    </div>
  )
}

function NotFound() {
  return (
    <section class="notice">
      <h1>{t('app.notFound')}</h1>
      <p>
        <Link href="/">{t('app.toList')}</Link>
      </p>
    </section>
  )
}
