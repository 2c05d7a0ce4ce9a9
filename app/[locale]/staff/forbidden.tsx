export { default } from '../_shared/forbidden';
