// A tiny router on location.pathname: the current path as a signal, navigate(), and <Link>.
import { createSignal, splitProps, type JSX } from 'solid-js'

// The browser has one location per window, so the signal mirroring it is one per window too.
const [path, setPath] = createSignal(location.pathname)
window.addEventListener('popstate', () => setPath(location.pathname))

export const pathname = path

export function navigate(to: string): void {
  history.pushState(null, '', to)
  setPath(location.pathname)
  window.scrollTo(0, 0)
}

type LinkProps = Omit<JSX.AnchorHTMLAttributes<HTMLAnchorElement>, 'onClick'> & { href: string }

/** An <a> that navigates without a page load; modified clicks (new tab, …) stay with the browser. */
export function Link(props: LinkProps): JSX.Element {
  const [own, rest] = splitProps(props, ['href'])
  const onClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(own.href)
  }
  return <a {...rest} href={own.href} onClick={onClick} />
}
