/** Changes made straight through an emulator's API: the one helper lives with the providers' examples. */
export { callAdminApi } from "../../providers/examples";
