export { assistanceCase } from './surgery/workflow/assistance-case';
