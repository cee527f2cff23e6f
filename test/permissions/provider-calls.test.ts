const CATALOGUE = Object.fromEntries(TYPE_PERMISSIONS);
const PROVIDER_CALLS = new Map([...TYPE_PERMISSIONS].map(([k, v]) => [k, v.calls]));
const ACCEPTED_CALL_GAPS = [...TYPE_PERMISSIONS].flatMap(([type, v]) => (v.acceptedGaps ?? []).map((g) => ({ ...g, type })));
import { STAGING_DENIED } from "../../permissions/derive";
import { operationsOf, operationsUsedBy, TYPE_PERMISSIONS } from "../../permissions/types";
import { builtInDeployments, exampleDeployments } from "./fixtures";

/**
 * Terraform's real calls (terraform-provider-aws's Go source, as data in
 * permissions/provider-calls/) against the catalogue: every call the provider makes for
 * an operation on a type the stacks use must be granted by that type's entry, or be an
 * accepted gap with its reason. One test per type and operation, so a dropped update
 * action fails a test that names it.
 */

const models = [...builtInDeployments(), ...exampleDeployments()].flatMap((d) => [...d.models.values()]);
const usedTypes = [
  ...new Set(models.flatMap((m) => m.instances.map((i) => (i.kind === "data" && CATALOGUE[`${i.type}_data`] ? `${i.type}_data` : i.type)))),
].sort();
const operationsUsed = (type: string) => operationsUsedBy(models, type);
const granted = (type: string) => new Set(CATALOGUE[type].rules.flatMap((r) => r.actions));
const grantedBeyondDelete = (type: string) => new Set(CATALOGUE[type].rules.filter((r) => r.phase !== "delete").flatMap((r) => r.actions));
const gap = (type: string, operation: string, action: string) =>
  ACCEPTED_CALL_GAPS.find((g) => g.type === type && g.action === action && (g.operations === "*" || g.operations.includes(operation)));

it("has the provider's calls for every type the stacks use", () => {
  expect(usedTypes.filter((t) => !PROVIDER_CALLS.has(t))).toEqual([]);
});

describe.each(usedTypes.filter((t) => PROVIDER_CALLS.has(t)))("%s", (type) => {
  const calls = PROVIDER_CALLS.get(type)!;
  it.each(operationsUsed(type).map((o) => [o.operation, o.actions] as const))("%s: every call is granted", (operation, actions) => {
    const missing = actions.filter((a) => !granted(type).has(a) && !gap(type, operation, a));
    expect(missing.map((a) => `${type} ${operation}: ${a} (${calls.source.files[0]} @ ${calls.source.commit.slice(0, 12)})`)).toEqual([]);
  });

  // Staging deploys and changes but never deletes: a call of create, read, update or import must survive its denies.
  it("keeps every call but deletion allowed in staging", () => {
    const blocked = operationsUsed(type)
      .filter((o) => o.operation !== "delete")
      .flatMap((o) =>
        o.actions
          .filter((a) => (STAGING_DENIED.includes(a) || (granted(type).has(a) && !grantedBeyondDelete(type).has(a))) && !gap(type, o.operation, a))
          .map((a) => `${o.operation}: ${a}`),
      );
    expect(blocked).toEqual([]);
  });
});

it("lists no accepted gap the data no longer has", () => {
  const stale = ACCEPTED_CALL_GAPS.filter((g) => {
    const calls = PROVIDER_CALLS.get(g.type);
    return !calls || !operationsOf(calls).some((o) => (g.operations === "*" || g.operations.includes(o.operation)) && o.actions.includes(g.action));
  });
  expect(stale).toEqual([]);
});
