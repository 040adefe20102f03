// UI language: German by default, English on request; the choice is kept in localStorage.
import { createSignal } from 'solid-js'
import { de } from './de'

export type Lang = 'de' | 'en'
export type MessageKey = keyof typeof de

type Dictionary = Record<MessageKey, string>
const storageKey = 'mitzeichnung.lang'

function storedLang(): Lang {
  try {
    return localStorage.getItem(storageKey) === 'en' ? 'en' : 'de'
  } catch {
    // Storage can be switched off; German it is.
    return 'de'
  }
}

const [lang, setLangSignal] = createSignal<Lang>(storedLang())
// English is fetched only by those who choose it; German shows until it arrives.
const [english, setEnglish] = createSignal<Dictionary>()
const loadEnglish = () => void import('./en').then((module) => setEnglish(() => module.en))
document.documentElement.lang = lang()
if (lang() === 'en') loadEnglish()

export { lang }

export function setLang(next: Lang): void {
  if (next === 'en' && !english()) loadEnglish()
  setLangSignal(next)
  document.documentElement.lang = next
  try {
    localStorage.setItem(storageKey, next)
  } catch {
    // Not kept across visits, but switched for now.
  }
}

/** The text for `key` in the current language, with `{name}` placeholders filled in. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const dictionary: Dictionary = (lang() === 'en' && english()) || de
  const text = dictionary[key]
  return params ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : text
}

/** A validation message of the model (it carries both languages). */
export const validationText = (message: { de: string; en: string }): string => (lang() === 'en' ? message.en : message.de)

export const kindLabel = (kind: string): string => (`kind.${kind}` in de ? t(`kind.${kind}` as MessageKey) : kind)

// Dates and numbers stay German in both languages: the papers are German, and so are their formats.
const dateTime = new Intl.DateTimeFormat('de-DE', { dateStyle: 'medium', timeStyle: 'short' })

export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso))
