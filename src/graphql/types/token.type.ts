/**
 * Bearer tokens as the API shows them to an ADMIN (DESIGN.md §6). The resolver root is the storage's
 * `TokenRecord`; the secret appears only in `CreatedToken`, once.
 */
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ROLES, type Role } from '../auth';

export const TokenRoleEnum = Object.freeze(Object.fromEntries(ROLES.map((r) => [r, r]))) as { readonly [K in Role]: K };

registerEnumType(TokenRoleEnum, {
  name: 'TokenRole',
  description: 'ADMIN: everything; EDITOR: writes its agency and every agency below it (any year) and reads drafts; READER: reads drafts and revisions.',
});

@ObjectType('ApiToken', { simpleResolvers: true, description: 'A bearer token; its secret is stored only as a sha256 digest.' })
export class ApiToken {
  @Field(() => ID)
  id: number;

  @Field(() => TokenRoleEnum)
  role: Role;

  @Field(() => String, { nullable: true, description: 'Who or what the token is for.' })
  label: string | null;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true, description: 'When the token was revoked; null while it is valid.' })
  revokedAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last accepted use, recorded at most once a minute.' })
  lastUsedAt: Date | null;
}

@ObjectType({ simpleResolvers: true, description: 'A new token and its secret: the only time the secret is shown. Send it as `Authorization: Bearer <secret>`.' })
export class CreatedToken {
  @Field(() => ID)
  id: number;

  @Field(() => String)
  secret: string;

  @Field(() => ApiToken)
  token: ApiToken;
}

@ObjectType({ simpleResolvers: true, description: 'Who is asking: anonymous, or the role of the bearer token sent (pages use it to sign in).' })
export class ViewerInfo {
  @Field(() => Boolean, { description: 'True when a valid bearer token came with the request.' })
  authenticated: boolean;

  @Field(() => TokenRoleEnum, { nullable: true })
  role: Role | null;

  @Field(() => Boolean, { description: 'Whether drafts, revisions and includeDrafts are readable.' })
  canReadDrafts: boolean;

  @Field(() => String, { nullable: true, description: 'The agency an EDITOR token writes (with the agencies below it).' })
  agencyCode: string | null;
}
