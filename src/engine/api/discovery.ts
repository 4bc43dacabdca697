// Discovery answers for one API server: which resource type a name (plural, singular, short
// name, kind, `name.group`) or an apiVersion/kind means. Controllers ask thousands of times a
// pass, so answers are kept until the table of types itself changes (a CRD established or gone).

import { apiVersionOf, type ResourceType } from './resources';
import { matchesName } from './store-rules';
import { customTypeForKind } from './crd-handler';

export class TypeIndex {
  private for?: ResourceType[];
  private answers = new Map<string, ResourceType | undefined>();

  /** @param types the API server's current table (the same array while nothing changed). */
  constructor(private readonly types: () => ResourceType[]) {}

  lookup(name: string): ResourceType | undefined {
    return this.remember(`n:${name}`, (types) => {
      const n = name.toLowerCase();
      const dot = n.indexOf('.');
      if (dot > 0) {
        const [res, group] = [n.slice(0, dot), n.slice(dot + 1)];
        const hit = types.find((t) => (t.group === group || `${t.version}.${t.group}` === group) && matchesName(t, res));
        if (hit) return hit;
      }
      return types.find((t) => matchesName(t, n));
    });
  }

  typeForKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.remember(`k:${apiVersion}|${kind}`, (types) => types.find((t) => t.kind === kind && apiVersionOf(t) === apiVersion) ?? customTypeForKind(types, apiVersion, kind));
  }

  private remember(key: string, find: (types: ResourceType[]) => ResourceType | undefined): ResourceType | undefined {
    const types = this.types();
    if (this.for !== types) {
      this.for = types;
      this.answers = new Map();
    }
    if (this.answers.has(key)) return this.answers.get(key);
    const hit = find(types);
    this.answers.set(key, hit);
    return hit;
  }
}
