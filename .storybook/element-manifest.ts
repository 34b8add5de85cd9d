import type { ArgTypesEnhancer, InputType } from 'storybook/internal/types';

/** The parts of a Custom Elements Manifest that Storybook reads. */
interface Member {
  kind: string;
  name: string;
  static?: boolean;
  readonly?: boolean;
  attribute?: string;
  description?: string;
  type?: { text: string };
}
interface Declaration {
  kind: string;
  tagName?: string;
  summary?: string;
  description?: string;
  members?: Member[];
  attributes?: Array<{ name: string; fieldName?: string }>;
  events?: Array<{ name: string }>;
}
export interface Manifest {
  modules: Array<{ declarations?: Declaration[] }>;
}

export function elementDeclarations(manifest: Manifest): Array<Declaration & { tagName: string }> {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? []).filter((d): d is Declaration & { tagName: string } => !!d.tagName),
  );
}

/**
 * The manifest as the docs pages show it: one row per property (naming its attribute) rather
 * than a property row and an attribute row, and the summary above the description.
 */
export function manifestForStorybook(manifest: Manifest): Manifest {
  const copy = structuredClone(manifest);
  for (const element of elementDeclarations(copy)) {
    const fields = new Set((element.members ?? []).map((member) => member.name));
    element.attributes = (element.attributes ?? []).filter((a) => !a.fieldName || !fields.has(a.fieldName));
    element.members = (element.members ?? [])
      .filter((member) => member.kind === 'field' && !member.static)
      .map((member) =>
        member.attribute
          ? { ...member, description: `${member.description ?? ''} Attribute: \`${member.attribute}\`.`.trim() }
          : member,
      );
    element.description = [element.summary, element.description].filter(Boolean).join('\n\n');
  }
  return copy;
}

/** A control for a property's declared TypeScript type, or none when it is not a plain value. */
function controlFor(typeText: string | undefined, readonly: boolean): Partial<InputType> {
  const parts = (typeText ?? '')
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part && part !== 'undefined' && part !== 'null');
  if (readonly || parts.length === 0) return { control: false };
  if (parts.length === 1 && ['boolean', 'number', 'string'].includes(parts[0]!)) {
    return { control: { type: parts[0] === 'string' ? 'text' : (parts[0] as 'boolean' | 'number') } };
  }
  if (parts.every((part) => /^'[^']*'$/.test(part))) {
    const options = parts.map((part) => part.slice(1, -1));
    return { control: { type: options.length <= 4 ? 'inline-radio' : 'select' }, options };
  }
  return { control: false };
}

/**
 * Controls from the manifest's types: text, number and boolean properties and string-literal
 * unions get one; objects (sources, runs, stores), parts, slots and events are documented only.
 * A story's own `argTypes` win.
 */
export function controlsFromManifest(manifest: Manifest): ArgTypesEnhancer {
  const readonly = new Set(
    elementDeclarations(manifest).flatMap((element) =>
      (element.members ?? []).filter((m) => m.readonly).map((m) => `${element.tagName} ${m.name}`),
    ),
  );
  return (context) => {
    const argTypes = { ...context.argTypes };
    const tag = typeof context.component === 'string' ? context.component : '';
    for (const [name, argType] of Object.entries(argTypes)) {
      if (argType.control !== undefined) continue;
      const category = argType.table?.category;
      if (category === 'properties' || category === 'attributes') {
        const control = controlFor(argType.table?.type?.summary, readonly.has(`${tag} ${name}`));
        argTypes[name] = { ...argType, ...control };
      } else if (category) {
        argTypes[name] = { ...argType, control: category === 'css custom properties' ? { type: 'text' } : false };
      }
    }
    return argTypes;
  };
}
