-- single sign-on: the OpenID Connect identity (issuer and subject) a user is bound to; NULL for password-only users
ALTER TABLE users ADD COLUMN sso_subject VARCHAR(600);
