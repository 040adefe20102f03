// Under the Beschlussantrag: where its text no longer matches the positions or the finance table
// (shared/consistency.ts). Only hints — nothing blocks; recomputed when the content has been quiet briefly.
import { createSignal, For, onCleanup, Show } from 'solid-js'
import type * as Y from 'yjs'
import { consistencyHintsOf, type ConsistencyHint } from '../../../shared/consistency'
import { formatDate, formatFte, formatNumber } from '../../../shared/format'
import { departmentLabel } from '../departments'
import { t } from '../i18n'

const quietMs = 300

/** `EG10` → `EG 10`. */
const grade = (normalized: string) => normalized.replace(/^([A-Z]+)(\d)/, '$1 $2')

function hintText(hint: ConsistencyHint): string {
  const where = (item: number | null) => (item === null ? t('hint.body') : t('hint.item', { n: item }))
  switch (hint.kind) {
    case 'share':
      return t('hint.share', { where: where(hint.item), share: formatNumber(hint.textShare * 100), position: hint.position, fte: formatFte(hint.positionFte) })
    case 'pay-grade':
      return hint.position === null
        ? t('hint.gradeMissing', { where: where(hint.item), grade: grade(hint.textGrade), department: hint.department ? departmentLabel(hint.department) : '–' })
        : t('hint.grade', { where: where(hint.item), grade: grade(hint.textGrade), position: hint.position, positionGrade: hint.positionGrade ?? '' })
    case 'date':
      return t('hint.date', { where: where(hint.item), date: formatDate(hint.textDate), position: hint.position, until: formatDate(hint.positionUntil) })
    case 'finance':
      return t('hint.finance', {
        where: where(hint.item),
        amount: formatNumber(hint.textAmount, { maxDecimals: 1 }),
        table: formatNumber(hint.tableAmount, { maxDecimals: 1 }),
        years: hint.years.length > 0 ? hint.years.join(', ') : t('hint.allYears'),
      })
  }
}

export function ConsistencyHints(props: { doc: Y.Doc }) {
  const read = () => {
    try {
      return consistencyHintsOf(props.doc)
    } catch {
      // A layout this client cannot read gets no hints, not an error.
      return []
    }
  }
  const [hints, setHints] = createSignal(read())
  let timer: ReturnType<typeof setTimeout> | undefined
  const onUpdate = () => {
    clearTimeout(timer)
    timer = setTimeout(() => setHints(read()), quietMs)
  }
  props.doc.on('update', onUpdate)
  onCleanup(() => {
    clearTimeout(timer)
    props.doc.off('update', onUpdate)
  })
  return (
    <Show when={hints().length > 0}>
      <div class="consistency-hints" role="note" aria-labelledby="consistency-heading" data-testid="consistency-hints">
        <h3 id="consistency-heading">{t('hint.title')}</h3>
        <ul>
          <For each={hints()}>
            {(hint) => (
              <li data-testid="consistency-hint" data-kind={hint.kind}>
                {hintText(hint)}
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  )
}
