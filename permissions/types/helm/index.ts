import { helmRelease } from "./helm_release";
import { TypePermissions } from "../types";

/** Every type of the folder, one file each (`test/permissions/types.test.ts` fails on a file left out). */
export const helmTypes: readonly TypePermissions[] = [helmRelease];
