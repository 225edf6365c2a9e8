import { Alert } from 'antd';

/** The error of a whole form, announced to screen readers (role="alert" comes with antd's Alert). */
export function FormError({ error, details }: { error: string | null; details?: string[] }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={error}
      description={details && details.length > 0 ? <ul style={{ margin: 0, paddingLeft: 18 }}>{details.map((d) => <li key={d}>{d}</li>)}</ul> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
