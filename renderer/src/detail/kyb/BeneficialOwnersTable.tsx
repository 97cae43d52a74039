// The same numbers as the graph, as a plain table (screen readers, tests, printing): every ultimate owner with its
// effective share and the paths it is held through.
import { useTranslation } from 'react-i18next';
import { meetsThreshold, type EffectiveOwner } from '../../../../shared/ownership.js';
import { formatPercent } from '../../common/format.js';

export function BeneficialOwnersTable({ owners, threshold }: { owners: readonly EffectiveOwner[]; threshold: number }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="common-table kyb-beneficial-owners">
      <caption>{t('ownership.beneficialOwners')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ownership.name')}</th>
          <th scope="col">{t('ownership.entity')}</th>
          <th scope="col">{t('ownership.effective')}</th>
          <th scope="col">{t('ownership.threshold', { value: formatPercent(threshold, i18n.language) })}</th>
          <th scope="col">{t('ownership.paths')}</th>
        </tr>
      </thead>
      <tbody>
        {owners.map((o) => {
          const above = meetsThreshold(o.effective, threshold);
          return (
            <tr key={o.id} className={above ? 'kyb-above-threshold' : undefined}>
              <th scope="row">{o.name}</th>
              <td>{t(`ownership.type.${o.entityType}`)}</td>
              <td className="common-table-numeric">{formatPercent(o.effective, i18n.language)}</td>
              <td>
                {above ? (
                  <span className="common-badge common-badge-threshold">{t('ownership.atOrAboveThreshold')}</span>
                ) : (
                  t('common.no')
                )}
              </td>
              <td>
                <ul className="kyb-paths">
                  {o.paths.map((p, i) => (
                    <li key={i}>{p.join(' → ')}</li>
                  ))}
                </ul>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
