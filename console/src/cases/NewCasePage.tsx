import { useState } from 'react';
import { App, AutoComplete, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { applicantSchema, caseIdSchema, newCaseContextIssues, newCaseSchema, type NewCaseInput } from '@surgery/schemas';
import { ageOn, idNumberProblem } from '@domain/id-number';
import { ASSISTANCE_CATEGORIES } from '@domain/fields';
import type { CaseView } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n, type Translate } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useHospitals } from '../components/hospitals';
import { issuesToFieldErrors, useSubmit, type ParsingSchema } from '../components/useSubmit';
import { FormError } from '../components/FormError';
import { fieldMessage } from '../components/problems';
import { todayIsoDay } from '../components/datetime';
import { useTowns } from '../components/towns';
import { useDraft } from '../components/drafts';

interface Values {
  caseId?: string;
  applicant: { name?: string; idNumber?: string; phone?: string; town?: string; village?: string; guardian?: { name?: string; phone?: string; relation?: string } };
  diagnosis?: string;
  hospitalId?: string;
  insured: boolean;
  assistanceCategory?: string;
  disabilityCertificate?: string;
}

const FIELDS = [
  'caseId',
  'applicant.name',
  'applicant.idNumber',
  'applicant.phone',
  'applicant.town',
  'applicant.village',
  'applicant.guardian.name',
  'applicant.guardian.phone',
  'applicant.guardian.relation',
  'diagnosis',
  'hospitalId',
  'insured',
  'assistanceCategory',
  'disabilityCertificate',
];

/** An antd rule that asks one of the shared zod schemas, so the field refuses what the API refuses. */
export function schemaRule(t: Translate, schema: ParsingSchema<unknown>, optional = false) {
  return {
    validator: async (_: unknown, value: unknown) => {
      if (optional && (value === undefined || value === '')) return;
      const parsed = schema.safeParse(value ?? '');
      if (!parsed.success) throw new Error(fieldMessage(t, issuesToFieldErrors(parsed.error.issues)[0]?.message ?? ''));
    },
  };
}

const blankToUndefined = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : undefined);

/** The body exactly as the API wants it: optional text left out when blank, the guardian only when given. */
export function newCaseBody(values: Values): Record<string, unknown> {
  const a = values.applicant ?? {};
  const g = a.guardian ?? {};
  const guardianGiven = [g.name, g.phone, g.relation].some((v) => blankToUndefined(v) !== undefined);
  const body: Record<string, unknown> = {
    applicant: {
      name: a.name ?? '',
      idNumber: a.idNumber ?? '',
      ...(blankToUndefined(a.phone) ? { phone: blankToUndefined(a.phone) } : {}),
      town: a.town ?? '',
      ...(blankToUndefined(a.village) ? { village: blankToUndefined(a.village) } : {}),
      ...(guardianGiven ? { guardian: { name: g.name ?? '', phone: g.phone ?? '', relation: g.relation ?? '' } } : {}),
    },
    diagnosis: values.diagnosis ?? '',
    hospitalId: values.hospitalId ?? '',
    insured: values.insured,
    assistanceCategory: values.assistanceCategory,
  };
  if (blankToUndefined(values.caseId)) body.caseId = blankToUndefined(values.caseId);
  if (blankToUndefined(values.disabilityCertificate)) body.disabilityCertificate = blankToUndefined(values.disabilityCertificate);
  return body;
}

export function isMinorToday(idNumber: string | undefined): boolean {
  const normalized = (idNumber ?? '').trim().toUpperCase();
  return idNumberProblem(normalized) === undefined && ageOn(normalized, todayIsoDay()) < 18;
}

export function NewCasePage() {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const hospitals = useHospitals();
  const towns = useTowns();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const draft = useDraft(form, 'new-case');
  const idNumber = Form.useWatch(['applicant', 'idNumber'], form);
  const [guardianWanted, setGuardianWanted] = useState(false);
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const minor = isMinorToday(idNumber);
  const showGuardian = minor || guardianWanted;
  const { submit, busy, error, details } = useSubmit<NewCaseInput, CaseView>(form, FIELDS, { 'applicant.guardian': 'applicant.guardian.name' });

  async function finish(values: Values) {
    setDuplicateOf(null);
    const body = newCaseBody(values);
    const preview = newCaseSchema.safeParse(body);
    const contextIssues = preview.success ? newCaseContextIssues(preview.data, todayIsoDay(), new Set(hospitals.list.map((h) => h.id))) : [];
    const created = await submit(
      newCaseSchema,
      body,
      (parsed) =>
        api.openCase(parsed).catch((cause: unknown) => {
          if (cause instanceof ApiError && cause.slug === 'duplicate-case') setDuplicateOf(cause.problem.existingCaseId ?? null);
          throw cause;
        }),
      contextIssues,
    );
    if (created) {
      void message.success(t('newCase.created', { caseId: created.caseId }));
      draft.clear();
      navigate(`/cases/${encodeURIComponent(created.caseId)}`);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('newCase.title')}
      </Typography.Title>
      <Card>
        <FormError error={error} details={details} />
        {duplicateOf && (
          <Typography.Paragraph>
            <Link to={`/cases/${encodeURIComponent(duplicateOf)}`}>{t('newCase.openExisting', { caseId: duplicateOf })}</Link>
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical" name="new-case" onFinish={finish} onValuesChange={draft.onValuesChange} initialValues={{ insured: true, assistanceCategory: 'NONE' }} scrollToFirstError>
          <Typography.Title level={5}>{t('newCase.applicantSection')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.name')} name={['applicant', 'name']} htmlFor="applicant-name" required rules={[schemaRule(t, applicantSchema.shape.name)]}>
                <Input id="applicant-name" autoFocus autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.idNumber')} name={['applicant', 'idNumber']} htmlFor="applicant-id" required validateTrigger="onBlur" rules={[schemaRule(t, applicantSchema.shape.idNumber)]} extra={minor ? t('newCase.minor') : undefined}>
                <Input id="applicant-id" maxLength={18} autoComplete="off" spellCheck={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.phone')} name={['applicant', 'phone']} htmlFor="applicant-phone">
                <Input id="applicant-phone" inputMode="tel" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.town')} name={['applicant', 'town']} htmlFor="applicant-town" required rules={[schemaRule(t, applicantSchema.shape.town)]}>
                {/* The district's towns to choose from; a town not (yet) on the list can still be typed. */}
                <AutoComplete id="applicant-town" options={towns.map((town) => ({ value: town }))} filterOption={(input, option) => (option?.value ?? '').includes(input.trim())} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.village')} name={['applicant', 'village']} htmlFor="applicant-village">
                <Input id="applicant-village" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.guardian')}>
                <Checkbox checked={showGuardian} disabled={minor} onChange={(e) => setGuardianWanted(e.target.checked)}>
                  {minor ? t('newCase.guardianRequired') : t('newCase.addGuardian')}
                </Checkbox>
              </Form.Item>
            </Col>
          </Row>
          {showGuardian && (
            <Row gutter={16}>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.guardianName')} name={['applicant', 'guardian', 'name']} htmlFor="guardian-name" required={minor}>
                  <Input id="guardian-name" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.guardianPhone')} name={['applicant', 'guardian', 'phone']} htmlFor="guardian-phone" required={minor}>
                  <Input id="guardian-phone" inputMode="tel" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t('field.guardianRelation')} name={['applicant', 'guardian', 'relation']} htmlFor="guardian-relation" required={minor}>
                  <Input id="guardian-relation" />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Typography.Title level={5}>{t('newCase.caseSection')}</Typography.Title>
          <Row gutter={16}>
            <Col xs={24} md={16}>
              <Form.Item label={t('field.diagnosis')} name="diagnosis" htmlFor="case-diagnosis" required rules={[{ required: true, whitespace: true, message: t('issue.required') }]}>
                <Input.TextArea id="case-diagnosis" rows={2} maxLength={500} showCount />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.caseId')} name="caseId" htmlFor="case-id" rules={[schemaRule(t, caseIdSchema, true)]} extra={t('newCase.caseIdHelp')}>
                <Input id="case-id" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.hospital')} name="hospitalId" htmlFor="case-hospital" required rules={[{ required: true, message: t('issue.required') }]}>
                <Select id="case-hospital" showSearch={{ optionFilterProp: 'label' }} options={hospitals.list.map((h) => ({ value: h.id, label: h.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.assistanceCategory')} name="assistanceCategory" htmlFor="case-category" required>
                <Select id="case-category" options={ASSISTANCE_CATEGORIES.map((c) => ({ value: c, label: labels.category(c) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.insured')} name="insured">
                <Radio.Group
                  options={[
                    { value: true, label: t('common.yes') },
                    { value: false, label: t('common.no') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label={t('field.disabilityCertificate')} name="disabilityCertificate" htmlFor="case-certificate">
                <Input id="case-certificate" />
              </Form.Item>
            </Col>
          </Row>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('newCase.submit')}
            </Button>
            <Button onClick={() => navigate('/cases')}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </Space>
  );
}
