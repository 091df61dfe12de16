/**
 * orgform's version, read from package.json so that it is written in one place. Kept in its own
 * module (no other imports) so that `orgform version` and `orgform-terraform version` load
 * nothing else.
 */
import { version } from "../package.json";

export const ORGFORM_VERSION: string = version;
