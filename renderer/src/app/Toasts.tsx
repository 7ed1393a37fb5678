import { Icon } from '../ui/Icon';
import { useUiStore } from './ui.store';

export function Toasts() {
  const toasts = useUiStore((s) => s.toasts);
  return (
    <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
      {toasts.map((t) => (
        <div key={t.id} className="toast" data-tone={t.tone ?? 'calm'} data-testid="toast">
          {t.tone === 'attention' ? <Icon name="alert" size={15} /> : null}
          <div>
            <p className="toast-message">{t.message}</p>
            {t.detail ? <p className="toast-detail">{t.detail}</p> : null}
          </div>
        </div>
      ))}
    </div>
  );
}
