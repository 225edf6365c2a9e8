import type { Migration } from 'kysely/migration';
import * as initial from './2026_11_28_1100_initial';
import * as openRegistrationsByAge from './2026_11_28_1300_open_registrations_by_age';
import * as registrationAttempts from './2026_11_28_1500_registration_attempts';
import * as claimProposalsAndDiscrepancies from './2026_11_29_2200_claim_proposals_and_discrepancies';
import * as users from './2026_11_29_2300_users';
import * as persons from './2026_11_29_2310_persons';
import * as personsForExistingCases from './2026_11_29_2320_persons_for_existing_cases';
import * as personLifeEvents from './2026_11_29_2330_person_life_events';
import * as dropUnreadNotificationsAndCaseIdNumbers from './2026_11_30_0100_drop_unread_notifications_and_case_id_numbers';
import * as subsidyEnrolments from './2026_11_30_0200_subsidy_enrolments';
import * as payrolls from './2026_11_30_0300_payrolls';
import * as sealedIdNumbers from './2026_11_30_0300_sealed_id_numbers';
import * as sealedBankAccounts from './2026_11_30_0310_sealed_bank_accounts';
import * as sealedCaseApplicants from './2026_11_30_0320_sealed_case_applicants';
import * as enrolmentActivityFailures from './2026_11_30_0400_enrolment_activity_failures';
import * as pairings from './2026_11_30_0400_pairings';
import * as lifeEventBatches from './2026_11_30_0500_life_event_batches';
import * as payrollBankFileDownloads from './2026_11_30_0510_payroll_bank_file_downloads';
import * as enrolmentMonthStatistics from './2026_11_30_2300_enrolment_month_statistics';
import * as pairingActivityFailures from './2026_12_01_0100_pairing_activity_failures';

/** Every migration, by name; names sort in the order they run. Listed statically so any runtime can load them. */
export const migrations: Record<string, Migration> = {
  '2026_11_28_1100_initial': initial,
  '2026_11_28_1300_open_registrations_by_age': openRegistrationsByAge,
  '2026_11_28_1500_registration_attempts': registrationAttempts,
  '2026_11_29_2200_claim_proposals_and_discrepancies': claimProposalsAndDiscrepancies,
  '2026_11_29_2300_users': users,
  '2026_11_29_2310_persons': persons,
  '2026_11_29_2320_persons_for_existing_cases': personsForExistingCases,
  '2026_11_29_2330_person_life_events': personLifeEvents,
  '2026_11_30_0100_drop_unread_notifications_and_case_id_numbers': dropUnreadNotificationsAndCaseIdNumbers,
  '2026_11_30_0200_subsidy_enrolments': subsidyEnrolments,
  '2026_11_30_0300_payrolls': payrolls,
  '2026_11_30_0300_sealed_id_numbers': sealedIdNumbers,
  '2026_11_30_0310_sealed_bank_accounts': sealedBankAccounts,
  '2026_11_30_0320_sealed_case_applicants': sealedCaseApplicants,
  '2026_11_30_0400_enrolment_activity_failures': enrolmentActivityFailures,
  '2026_11_30_0400_pairings': pairings,
  '2026_11_30_0500_life_event_batches': lifeEventBatches,
  '2026_11_30_0510_payroll_bank_file_downloads': payrollBankFileDownloads,
  '2026_11_30_2300_enrolment_month_statistics': enrolmentMonthStatistics,
  '2026_12_01_0100_pairing_activity_failures': pairingActivityFailures,
};
