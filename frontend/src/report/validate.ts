// The public form's checks, run in the browser before anything is sent (the API checks them all again).
import { checkCreditCode, checkPhone } from '../feedback/identifiers';
import type { PublicCaseCreate } from '../feedback/types';
import { tr } from './text';

export interface ReportValues {
  type: string;
  category_code: string;
  title: string;
  description: string;
  desired_outcome: string;
  anonymous: boolean;
  enterprise_name: string;
  credit_code: string;
  contact_name: string;
  contact_phone: string;
  district: string;
  address: string;
  website: string;
}

export const EMPTY_REPORT: ReportValues = {
  type: '',
  category_code: '',
  title: '',
  description: '',
  desired_outcome: '',
  anonymous: false,
  enterprise_name: '',
  credit_code: '',
  contact_name: '',
  contact_phone: '',
  district: '',
  address: '',
  website: '',
};

export type ReportErrors = Partial<Record<keyof ReportValues, string>>;

/** Anonymous only for a suggestion (the options say which types allow it). */
export const isAnonymous = (values: ReportValues, anonymousTypes: readonly string[]) =>
  values.anonymous && anonymousTypes.includes(values.type);

/** Every problem at once, keyed by field; an empty object means the form may be sent. */
export function validateReport(values: ReportValues, anonymousTypes: readonly string[]): ReportErrors {
  const errors: ReportErrors = {};
  const length = (value: string) => value.trim().length;
  if (!values.type) errors.type = tr('typeRequired');
  if (!values.category_code) errors.category_code = tr('categoryRequired');
  if (length(values.title) < 2 || length(values.title) > 200) errors.title = tr('titleRequired');
  if (length(values.description) < 5 || length(values.description) > 5000) errors.description = tr('descriptionRequired');
  if (length(values.desired_outcome) > 2000) errors.desired_outcome = tr('desiredOutcomeTooLong');
  if (length(values.address) > 300) errors.address = tr('tooLong', { max: 300 });
  if (isAnonymous(values, anonymousTypes)) return errors;

  if (!length(values.enterprise_name)) errors.enterprise_name = tr('enterpriseNameRequired');
  else if (length(values.enterprise_name) > 200) errors.enterprise_name = tr('tooLong', { max: 200 });
  if (values.credit_code.trim()) {
    const credit = checkCreditCode(values.credit_code);
    if (!credit.ok) errors.credit_code = tr(`credit_${credit.problem}`);
  }
  if (!length(values.contact_name)) errors.contact_name = tr('contactNameRequired');
  else if (length(values.contact_name) > 50) errors.contact_name = tr('tooLong', { max: 50 });
  if (!values.contact_phone.trim()) errors.contact_phone = tr('contactPhoneRequired');
  else if (!checkPhone(values.contact_phone).ok) errors.contact_phone = tr('phoneInvalid');
  return errors;
}

/** The body for POST /public/cases (normalised codes and numbers; nothing personal for an anonymous suggestion). */
export function reportBody(values: ReportValues, anonymousTypes: readonly string[], formToken: string): PublicCaseCreate {
  const anonymous = isAnonymous(values, anonymousTypes);
  const text = (value: string) => value.trim() || null;
  const credit = values.credit_code.trim() ? checkCreditCode(values.credit_code) : null;
  const phone = values.contact_phone.trim() ? checkPhone(values.contact_phone) : null;
  return {
    type: values.type as PublicCaseCreate['type'],
    category_code: values.category_code,
    title: values.title.trim(),
    description: values.description.trim(),
    desired_outcome: text(values.desired_outcome),
    anonymous,
    enterprise_name: anonymous ? null : text(values.enterprise_name),
    credit_code: anonymous || !credit ? null : credit.ok ? credit.value : values.credit_code.trim(),
    contact_name: anonymous ? null : text(values.contact_name),
    contact_phone: anonymous || !phone ? null : phone.ok ? phone.value : values.contact_phone.trim(),
    district: text(values.district),
    address: text(values.address),
    form_token: formToken,
    // The honeypot goes as typed: a person never sees it, so it stays empty.
    website: values.website || null,
  };
}
