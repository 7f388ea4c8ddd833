/** The class moved to the shared rules (the header check throws it in the browser too). */
export { FileError } from '@muster/shared';
