import { Badge } from '@mantine/core';
import { useFormat } from '../../format';
import { useTranslation } from 'react-i18next';
import { ACCREDITATION_WARNING_DAYS, type Service } from '../../api/services';

// The accreditation's state: expired (red), expiring within 60 days (orange), or its end date.
export function AccreditationBadge({ service }: { service: Service }) {
  const fmt = useFormat();
  const { t } = useTranslation();
  const left = service.accreditation_days_left;
  if (left === null || left === undefined) return <Badge color="gray.7" variant="filled">{t('svc.notAccredited')}</Badge>;
  if (left < 0) return <Badge color="#c92a2a" variant="filled" data-testid="accreditation-expired">{t('svc.accreditationExpired')}</Badge>;
  if (left <= ACCREDITATION_WARNING_DAYS) return <Badge color="#a63a0a" variant="filled" data-testid="accreditation-warning">{t('svc.expiresIn', { count: left })}</Badge>;
  return <>{fmt.date(service.accreditation_expires_on)}</>;
}
