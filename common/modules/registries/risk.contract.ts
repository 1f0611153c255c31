// Risk points of a place or an enterprise, assessed by LEC (D = L × E × C) or the LS matrix
// (R = L × S), giving level 1–4 and red/orange/yellow/blue; inputs, result and table version are
// stored together.
import { Type, type Static } from 'typebox';
import { Id, IsoTime } from '../shared/shared.contract.js';
import { LocalizedText, Name, OptText, RiskColour, RiskLevel, TableRefView, Working } from './registries.contract.js';

const Factor = Type.Number({ minimum: 0, maximum: 1000 });
export const LecInputs = Type.Object({ L: Factor, E: Factor, C: Factor }, { additionalProperties: false });
export const LsInputs = Type.Object({ L: Factor, S: Factor }, { additionalProperties: false });

export const CreateRiskPointBody = Type.Union([
  Type.Object(
    { name: Name, hazardFactors: OptText(2000), controls: OptText(2000), method: Type.Literal('lec'), inputs: LecInputs },
    { additionalProperties: false },
  ),
  Type.Object(
    { name: Name, hazardFactors: OptText(2000), controls: OptText(2000), method: Type.Literal('ls'), inputs: LsInputs },
    { additionalProperties: false },
  ),
]);
export type CreateRiskPointBody = Static<typeof CreateRiskPointBody>;

export const RiskPointView = Type.Object({
  id: Id,
  subject: Type.Object({ type: Type.Enum(['place', 'enterprise']), id: Id }),
  name: Type.String(),
  hazardFactors: Type.Union([Type.String(), Type.Null()]),
  controls: Type.Union([Type.String(), Type.Null()]),
  method: Type.Enum(['lec', 'ls']),
  inputs: Type.Record(Type.String(), Type.Number()),
  value: Type.Number({ description: 'D (LEC) or R (LS)' }),
  level: RiskLevel,
  colour: RiskColour,
  levelName: LocalizedText,
  working: Working,
  table: TableRefView,
  assessedAt: IsoTime,
  assessedBy: Type.Union([Type.String(), Type.Null()]),
  retired: Type.Boolean(),
});
export type RiskPointView = Static<typeof RiskPointView>;

export const RiskPointList = Type.Object({
  items: Type.Array(RiskPointView),
  /** The subject's level: the highest risk among its current points. */
  subjectLevel: Type.Union([RiskLevel, Type.Null()]),
});
