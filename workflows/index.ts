export { assistanceCase } from './assistance-case';
