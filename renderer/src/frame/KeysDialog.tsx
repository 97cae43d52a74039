// "?" opens this list of keyboard shortcuts.
import { useTranslation } from 'react-i18next';
import { Dialog } from '../common/Dialog.js';
import { useUi } from '../state/ui.js';

const KEYS = [
  ['j', 'keys.next'],
  ['k', 'keys.previous'],
  ['Enter', 'keys.open'],
  ['a', 'keys.approve'],
  ['d', 'keys.decline'],
  ['/', 'keys.search'],
  ['?', 'keys.help'],
  ['Esc', 'keys.close'],
] as const;

export function KeysDialog() {
  const { t } = useTranslation();
  return (
    <Dialog title={t('keys.title')} onClose={() => useUi.getState().setKeysOpen(false)}>
      <table className="common-table frame-keys">
        <caption className="visually-hidden">{t('keys.title')}</caption>
        <tbody>
          {KEYS.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">
                <kbd>{key}</kbd>
              </th>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
