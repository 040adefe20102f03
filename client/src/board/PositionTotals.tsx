// The live totals under the positions table: FTE overall, per department and per kind, cost per year.
import { For, Show } from 'solid-js'
import { emptyCell, formatEuro, formatFte } from '../../../shared/format'
import { positionKinds, positionTotals, type Position } from '../../../shared/model'
import { t } from '../i18n'
import { departmentLabel } from '../departments'

export function PositionTotals(props: { positions: Position[] }) {
  const totals = () => positionTotals(props.positions)
  const departmentsInUse = () => Object.keys(totals().byDepartment).sort((a, b) => departmentLabel(a).localeCompare(departmentLabel(b)))
  return (
    <dl class="totals" data-testid="position-totals" aria-live="polite">
      <div>
        <dt>{t('pos.totalFte')}</dt>
        <dd data-testid="total-fte">{formatFte(totals().fte)}</dd>
      </div>
      <div>
        <dt>{t('pos.byDepartment')}</dt>
        <dd>
          <For each={departmentsInUse()} fallback="–">
            {(department) => (
              <span class="total-chip" data-testid="fte-by-department" data-department={department}>
                {departmentLabel(department) || t('choice.none')} <strong>{formatFte(totals().byDepartment[department] ?? 0)}</strong>
              </span>
            )}
          </For>
        </dd>
      </div>
      <div>
        <dt>{t('pos.byKind')}</dt>
        <dd>
          <For each={[...positionKinds]}>
            {(kind) => (
              <span class="total-chip" data-testid="fte-by-kind" data-kind={kind}>
                {t(`positionKindPlural.${kind}`)} <strong>{formatFte(totals().byKind[kind])}</strong>
              </span>
            )}
          </For>
        </dd>
      </div>
      <div>
        <dt>{t('pos.costTotal')}</dt>
        <dd data-testid="total-cost">
          {props.positions.length > totals().uncostedRows ? formatEuro(totals().annualCost) : emptyCell}
          <Show when={totals().uncostedRows > 0}>
            <span class="muted"> ({t('pos.uncosted', { n: totals().uncostedRows })})</span>
          </Show>
        </dd>
      </div>
    </dl>
  )
}
