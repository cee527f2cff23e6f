import { terraformRemoteState } from "./terraform_remote_state";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const terraformTypes: readonly TypePermissions[] = [terraformRemoteState];
