/**
 * The settlement sheet a patient's family can read and keep: one printable HTML page (no scripts,
 * no external resources) with the patient, the hospital, the bill, what each payer paid and why,
 * and what is left to the patient (¥0.00). Written from the case as the caller may see it, so a
 * hospital's sheet carries the masked ID number, as its case view does.
 */
import type { Hospital } from '../../domain/schemas';
import { CATEGORY_TERMS, formatDateTime } from '../../../../domain/glossary';
import { HOSPITAL_LEVEL_TERMS, PAYER_TERMS, POLICY_TERMS } from '../../domain/glossary';
import type { Lang } from '../../../../domain/i18n/lang';
import { formatYuan } from '../../../../domain/money';
import { claimExplanation } from '../../domain/policy/explanation.render';
import type { CaseView } from '../../domain/schemas';
import { SHEET_TEXTS } from './sheet-texts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:900px;margin:2em auto;color:#222;line-height:1.5}
h1{text-align:center;font-size:1.6em;margin-bottom:0}
.program{text-align:center;color:#555;margin-top:.2em}
table{border-collapse:collapse;width:100%;margin:.6em 0 1.2em}
th,td{border:1px solid #999;padding:.35em .6em;text-align:left;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}
td.amount{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tr.total td,tr.total th{font-weight:bold}
.note{color:#555;font-size:.9em}
@media print{body{margin:0}.no-print{display:none}}
`;

export interface SheetInput {
  view: CaseView;
  hospital: Hospital | undefined;
  lang: Lang;
  printedAt: Date;
}

export function renderSettlementSheet({ view, hospital, lang, printedAt }: SheetInput): string {
  const t = (key: keyof typeof SHEET_TEXTS) => SHEET_TEXTS[key][lang];
  const e = escapeHtml;
  const when = (iso: string | undefined | null) => (iso ? e(formatDateTime(iso)) : '—');
  const row = (label: string, value: string) => `<tr><th>${e(label)}</th><td>${value}</td></tr>`;
  const reimbursement = view.reimbursement;
  const bill = view.discharge?.bill;
  const claims = (reimbursement?.claims ?? [])
    .map(
      (claim) =>
        `<tr><td>${e(PAYER_TERMS[claim.payer][lang])}</td><td>${e(t(claim.status))}</td>` +
        `<td class="amount">${e(formatYuan(claim.status === 'PAID' ? claim.amountFen : 0))}</td><td>${e(claimExplanation(claim, lang) ?? '')}</td></tr>`,
    )
    .join('\n');
  const hospitalText = hospital ? `${e(hospital.name)}（${e(HOSPITAL_LEVEL_TERMS[hospital.level][lang])}）` : e(view.hospitalId);
  const address = [view.applicant.town, view.applicant.village].filter((part): part is string => !!part).join(lang === 'en' ? ', ' : ' ');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>${e(t('title'))} ${e(view.caseId)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${e(t('title'))}</h1>
<p class="program">${e(t('program'))}</p>
<table>
${row(t('caseId'), e(view.caseId))}
${row(t('name'), e(view.applicant.name))}
${row(t('idNumber'), e(view.applicant.idNumber))}
${row(t('address'), e(address))}
${row(t('category'), e(CATEGORY_TERMS[view.assistanceCategory][lang]))}
${row(t('certificate'), e(view.disabilityCertificate ?? t('none')))}
${row(t('hospital'), hospitalText)}
${row(t('admissionNo'), e(view.admission?.admissionNo ?? '—'))}
${row(t('admittedAt'), when(view.admission?.admittedAt))}
${row(t('dischargedAt'), when(view.discharge?.dischargedAt))}
${row(t('diagnosis'), e(view.diagnosis))}
${row(t('procedure'), e(view.surgery?.procedure ?? '—'))}
</table>
<h2>${e(t('bill'))}</h2>
<table>
${row(t('total'), `<span class="amount">${e(formatYuan(bill?.totalFen ?? 0))}</span>`)}
${row(t('policyScope'), `<span class="amount">${e(formatYuan(bill?.policyScopeFen ?? 0))}</span>`)}
</table>
<h2>${e(t('payments'))}</h2>
<table>
<tr><th>${e(t('payer'))}</th><th>${e(t('status'))}</th><th>${e(t('amount'))}</th><th>${e(t('explanation'))}</th></tr>
${claims}
<tr class="total"><th colspan="2">${e(t('paidTotal'))}</th><td class="amount">${e(formatYuan(reimbursement?.paidFen ?? 0))}</td><td></td></tr>
<tr class="total"><th colspan="2">${e(POLICY_TERMS.outOfPocket[lang])}</th><td class="amount">${e(formatYuan(reimbursement?.outOfPocketFen ?? 0))}</td><td></td></tr>
</table>
<table>
${row(t('policyVersion'), e(reimbursement?.policyVersion ?? '—'))}
${row(t('printedAt'), e(formatDateTime(printedAt.toISOString())))}
</table>
<p class="note">${e(t('timesNote'))}</p>
</body>
</html>
`;
}
