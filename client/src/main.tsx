// Entry point: mounts the app shell into #root.
// First: configures zod before any module parses with it.
import './zod-without-eval'
import { render } from 'solid-js/web'
import { App } from './App'
import './styles.css'

render(() => <App />, document.getElementById('root')!)
