import type { CSSProperties } from 'react';

/** A tap target an official's thumb finds on a phone: at least 44 px high (WCAG 2.5.5, Apple's guideline). */
export const TAP: CSSProperties = { minHeight: 44, lineHeight: '42px' };
