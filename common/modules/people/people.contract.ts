// People at risk and key persons: elderly living alone, disabled, low-income, left-behind
// children, key persons. ID numbers and phones are encrypted at rest and masked in every
// response; the clear values come only from the audited unmask route.
import { Type, type Static } from 'typebox';
import { Id, IsoTime, PageQuery, Page } from '../shared/shared.contract.js';
import { Abilities, Name, OptText, Phone, PlacementFields, PlacementView, REGISTRY_LIMITS } from '../registries/registries.contract.js';

export const PERSON_CATEGORIES = ['elderly_alone', 'disabled', 'low_income', 'left_behind_child', 'key_person'] as const;
export const PersonCategory = Type.Enum(PERSON_CATEGORIES);
export type PersonCategory = Static<typeof PersonCategory>;

export const PERSON_CATEGORY_LABELS: Readonly<Record<PersonCategory, { zh: string; en: string }>> = {
  elderly_alone: { zh: '独居老人', en: 'elderly living alone' },
  disabled: { zh: '残疾人', en: 'person with disability' },
  low_income: { zh: '低收入人员', en: 'low-income person' },
  left_behind_child: { zh: '留守儿童', en: 'left-behind child' },
  key_person: { zh: '重点人员', en: 'key person' },
};

export const PERSON_STATUSES = ['active', 'inactive'] as const;

export const IdNumberInput = Type.String({ minLength: 1, maxLength: 32, description: '18-digit citizen ID number (GB 11643)' });

const Fields = {
  sex: Type.Optional(Type.Union([Type.Enum(['male', 'female']), Type.Null()])),
  idNumber: Type.Optional(Type.Union([IdNumberInput, Type.Null()])),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  address: OptText(REGISTRY_LIMITS.addressMax),
  helperName: OptText(64),
  helperPhone: Type.Optional(Type.Union([Phone, Type.Null()])),
  needs: OptText(2000),
  notes: OptText(REGISTRY_LIMITS.noteMax),
};

export const CreatePersonBody = Type.Object({ category: PersonCategory, name: Name, ...Fields, ...PlacementFields }, { additionalProperties: false });
export type CreatePersonBody = Static<typeof CreatePersonBody>;
export const UpdatePersonBody = Type.Object(
  { category: Type.Optional(PersonCategory), name: Type.Optional(Name), status: Type.Optional(Type.Enum(PERSON_STATUSES)), ...Fields, ...PlacementFields },
  { additionalProperties: false },
);
export type UpdatePersonBody = Static<typeof UpdatePersonBody>;

export const PersonListQuery = Type.Object({
  ...PageQuery,
  unit: Type.Optional(Type.String({ maxLength: 32 })),
  category: Type.Optional(Type.String({ maxLength: 100 })),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'name contains' })),
  status: Type.Optional(Type.Enum(PERSON_STATUSES)),
});
export type PersonListQuery = Static<typeof PersonListQuery>;

/** Exact lookup by ID number, sent in the body so the number never appears in a URL or a log. */
export const PersonLookupBody = Type.Object({ idNumber: IdNumberInput }, { additionalProperties: false });

export const PersonView = Type.Object({
  id: Id,
  category: PersonCategory,
  name: Type.String(),
  sex: Type.Union([Type.Enum(['male', 'female']), Type.Null()]),
  idNumber: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  phone: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  address: Type.Union([Type.String(), Type.Null()]),
  helperName: Type.Union([Type.String(), Type.Null()]),
  helperPhone: Type.Union([Type.String({ description: 'masked' }), Type.Null()]),
  status: Type.Enum(PERSON_STATUSES),
  ...PlacementView,
  updatedAt: IsoTime,
});
export type PersonView = Static<typeof PersonView>;
export const PersonPage = Page(PersonView);

export const PersonDetail = Type.Object({
  ...PersonView.properties,
  needs: Type.Union([Type.String(), Type.Null()]),
  notes: Type.Union([Type.String(), Type.Null()]),
  createdAt: IsoTime,
  abilities: Abilities,
});
export type PersonDetail = Static<typeof PersonDetail>;

export const UnmaskBody = Type.Object(
  { reason: Type.String({ minLength: REGISTRY_LIMITS.reasonMin, maxLength: REGISTRY_LIMITS.reasonMax, description: 'why the clear values are needed (audited)' }) },
  { additionalProperties: false },
);
export const UnmaskedPerson = Type.Object({
  id: Id,
  idNumber: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  helperPhone: Type.Union([Type.String(), Type.Null()]),
});
