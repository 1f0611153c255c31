// Checklist templates: versioned lists of items with their legal basis, answer type and what a
// failure raises (hazard category, grade, rectification period in working days).
import { Type, type Static } from 'typebox';
import { Id, IsoTime, I18nText } from '../shared/shared.contract.js';
import { LIMITS } from '../../limits.js';

export const ANSWER_TYPES = ['pass_fail', 'number', 'text', 'photo'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
export const TEMPLATE_TARGETS = ['place', 'enterprise', 'community'] as const;
export type TemplateTarget = (typeof TEMPLATE_TARGETS)[number];

export const ChecklistItemView = Type.Object({
  id: Id,
  key: Type.String(),
  seq: Type.Integer(),
  section: I18nText,
  text: I18nText,
  legalBasis: Type.String(),
  answerType: Type.Enum(ANSWER_TYPES),
  number: Type.Union([Type.Object({ min: Type.Union([Type.Number(), Type.Null()]), max: Type.Union([Type.Number(), Type.Null()]), unit: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
  onFail: Type.Union([Type.Object({ category: Type.String(), grade: Type.Union([Type.Literal('general'), Type.Literal('major')]), days: Type.Integer() }), Type.Null()]),
});
export type ChecklistItemView = Static<typeof ChecklistItemView>;

export const TemplateSummary = Type.Object({
  id: Id,
  code: Type.String(),
  version: Type.Integer(),
  name: I18nText,
  description: I18nText,
  target: Type.Enum(TEMPLATE_TARGETS),
  placeKinds: Type.Array(Type.String()),
  status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
  current: Type.Boolean(),
  itemCount: Type.Integer(),
  createdAt: IsoTime,
});
export type TemplateSummary = Static<typeof TemplateSummary>;

export const TemplateView = Type.Object({ ...TemplateSummary.properties, items: Type.Array(ChecklistItemView) });
export type TemplateView = Static<typeof TemplateView>;

export const TemplateListQuery = Type.Object({
  target: Type.Optional(Type.Enum(TEMPLATE_TARGETS)),
  placeKind: Type.Optional(Type.String({ maxLength: 40 })),
  history: Type.Optional(Type.Boolean({ description: 'include earlier versions and retired templates' })),
  code: Type.Optional(Type.String({ maxLength: 64 })),
});

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

export const ItemBody = Type.Object(
  {
    key: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,32}$' }),
    section: Type.Optional(Type.Object({ zh: Type.String({ maxLength: 100 }), en: Type.String({ maxLength: 100 }) }, { additionalProperties: false })),
    text: Type.Object({ zh: Text(500), en: Text(500) }, { additionalProperties: false }),
    legalBasis: Type.Optional(Type.String({ maxLength: 1000 })),
    answerType: Type.Enum(ANSWER_TYPES),
    numberMin: Type.Optional(Type.Union([Type.Number({ minimum: -1e9, maximum: 1e9 }), Type.Null()])),
    numberMax: Type.Optional(Type.Union([Type.Number({ minimum: -1e9, maximum: 1e9 }), Type.Null()])),
    numberUnit: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    failCategory: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
    failGrade: Type.Optional(Type.Union([Type.Literal('general'), Type.Literal('major'), Type.Null()])),
    failDays: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 365 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type ItemBody = Static<typeof ItemBody>;

export const TemplateBody = Type.Object(
  {
    name: Type.Object({ zh: Text(LIMITS.nameMax), en: Text(LIMITS.nameMax) }, { additionalProperties: false }),
    description: Type.Optional(Type.Object({ zh: Type.String({ maxLength: LIMITS.textMax }), en: Type.String({ maxLength: LIMITS.textMax }) }, { additionalProperties: false })),
    target: Type.Enum(TEMPLATE_TARGETS),
    placeKinds: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 40 })),
    items: Type.Array(ItemBody, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type TemplateBody = Static<typeof TemplateBody>;

export const CreateTemplateBody = Type.Object(
  { code: Type.String({ pattern: '^[a-z][a-z0-9_.-]{1,63}$' }), ...TemplateBody.properties },
  { additionalProperties: false },
);
export type CreateTemplateBody = Static<typeof CreateTemplateBody>;
