// A tiny router on location.pathname: the current path as a signal, navigate(), and <Link>.
import { createSignal, splitProps, type JSX } from 'solid-js'

// The browser has one location per window, so the signals mirroring it are one per window too.
const [path, setPath] = createSignal(location.pathname)
// The fragment names a place on the board (shared/board-links.ts); a link to another place on the same page changes only it.
const [fragment, setFragment] = createSignal(location.hash)
const follow = () => {
  setPath(location.pathname)
  setFragment(location.hash)
}
window.addEventListener('popstate', follow)
window.addEventListener('hashchange', follow)

export const pathname = path
export const hash = fragment

export function navigate(to: string): void {
  history.pushState(null, '', to)
  follow()
  // A place on the board is scrolled to by the board once it is there.
  if (!location.hash) window.scrollTo(0, 0)
}

type LinkProps = Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'onClick'> & {
  href: string
  /** Called when the link is followed, in this tab or another. */
  onFollow?: () => void
}

/** An <a> that navigates without a page load; modified clicks (new tab, …) stay with the browser. */
export function Link(props: LinkProps): JSX.Element {
  const [own, rest] = splitProps(props, ['href', 'onFollow'])
  const onClick = (event: MouseEvent) => {
    own.onFollow?.()
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(own.href)
  }
  return <a {...rest} href={own.href} onClick={onClick} />
}
