/**
 * Referrals from a pairing to another program: a subsidy enrolment opened in TOWN_REVIEW, or a
 * surgery case opened in SCREENING, through those programs' own services (a program imports no
 * other, so the app joins them here). The person already open in the program is linked instead.
 *
 * The application is made on the official's behalf: it is recorded as an intake by the office
 * (role `officer`) under a subject that names the referring official (`referral-by-<sub>`), and
 * then goes through the program's reviews like any other. Its id is derived from the pairing and
 * the referral's id, so a retried referral reaches the same application.
 */
import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Principal } from '../../http/auth/tokens';
import { HttpProblem, problems } from '../../http/problems';
import { findPersonById } from '../../store/persons';
import type { Database } from '../../store/schema';
import type { PairingReferrer } from '../../programs/pairing/api/pairings.service';
import type { EnrolmentService } from '../../programs/subsidy/api/enrolments.service';
import type { CaseOpening } from '../../programs/surgery/api/case-opening';

export interface PairingReferralDeps {
  db: Kysely<Database>;
  enrolments: EnrolmentService;
  cases: CaseOpening;
  log: FastifyBaseLogger;
  clock: () => Date;
}

/** The id of the application a referral opens: stable for the same pairing and referral. */
export function referralItemId(pairingId: string, referralId: string): string {
  return `RF-${createHash('sha256').update(`${pairingId}\n${referralId}`).digest('hex').slice(0, 24).toUpperCase()}`;
}

function shanghaiDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

export function pairingReferrer(deps: PairingReferralDeps): PairingReferrer {
  return {
    async refer({ program, personId, pairingId, referralId, body, referredBy }, signal) {
      const itemId = referralItemId(pairingId, referralId);
      const intake: Principal = { role: 'officer', sub: `referral-by-${referredBy.sub}`.slice(0, 64), hospitalId: null };
      const person = await findPersonById(deps.db, personId);
      if (!person) throw problems.notFound(`no person ${personId}`);
      try {
        if (program === 'SURGERY') {
          if (body.hospitalId === undefined || body.diagnosis === undefined) {
            throw problems.validation([
              ...(body.hospitalId === undefined ? [{ path: 'hospitalId', message: 'is required for a surgery referral' }] : []),
              ...(body.diagnosis === undefined ? [{ path: 'diagnosis', message: 'is required for a surgery referral' }] : []),
            ]);
          }
          const disability = person.disability as { certificateNo?: string } | null;
          const opened = await deps.cases.openCase(
            {
              caseId: itemId,
              applicant: { name: person.name, idNumber: person.id_number, town: person.town, ...(person.phone ? { phone: person.phone } : {}), ...(person.village ? { village: person.village } : {}) },
              diagnosis: body.diagnosis,
              hospitalId: body.hospitalId,
              insured: true,
              assistanceCategory: person.assistance_category as 'TEKUN' | 'DIBAO' | 'RETURNED_POOR' | 'NONE',
              ...(disability?.certificateNo ? { disabilityCertificate: disability.certificateNo } : {}),
            },
            intake,
            deps.log,
            signal,
          );
          return { id: opened.view.caseId, created: opened.created || opened.view.caseId === itemId };
        }
        if (body.bankAccount === undefined) throw problems.validation([{ path: 'bankAccount', message: 'is required for a subsidy referral' }]);
        const applied = await deps.enrolments.apply(
          { enrolmentId: itemId, program, personId, appliedOn: shanghaiDay(deps.clock()), bankAccount: body.bankAccount },
          intake,
          deps.log,
          signal,
        );
        return { id: applied.view.enrolmentId, created: applied.created || applied.view.enrolmentId === itemId };
      } catch (error) {
        // Already open in the program: the referral links to it.
        if (error instanceof HttpProblem && error.slug === 'duplicate-enrolment' && error.extra.existingEnrolmentId) return { id: error.extra.existingEnrolmentId, created: false };
        if (error instanceof HttpProblem && error.slug === 'duplicate-case' && error.extra.existingCaseId) return { id: error.extra.existingCaseId, created: false };
        throw error;
      }
    },
  };
}
