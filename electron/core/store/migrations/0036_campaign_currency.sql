-- Loomcast schema 36: each campaign has a currency, an ISO 4217 code such as EUR, USD or JPY.
-- Its cost_cents and revenue_cents keep their names but count the currency's minor unit (cents
-- for EUR and USD, yen for JPY, fils for KWD: shared/domain/currency.ts), as they always did for
-- the two-digit currencies every campaign was in before.
--
-- Campaigns saved before this version were typed with no currency in mind: they take the one of
-- the place in the creator's locale (Settings, e.g. "de-DE" → EUR), else of its language ("ja" →
-- JPY), else USD, as a new campaign with no earlier one does (currencyForLocale). The tables below
-- are a copy of REGION_CURRENCY and LANGUAGE_CURRENCY there; tests/unit/currency.test.ts keeps
-- them equal. The amounts were typed and kept as hundredths ("120" was 12000): in a currency with
-- other than 2 minor digits they are counted again below, so each reads as it was typed.
ALTER TABLE campaigns ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3 AND currency GLOB '[A-Z][A-Z][A-Z]');

UPDATE campaigns SET currency = coalesce((
  WITH
    region_currency(region, currency) AS (VALUES
      ('AD', 'EUR'), ('AE', 'AED'), ('AR', 'ARS'), ('AT', 'EUR'), ('AU', 'AUD'), ('BD', 'BDT'), ('BE', 'EUR'), ('BG', 'EUR'), ('BH', 'BHD'), ('BR', 'BRL'),
      ('CA', 'CAD'), ('CH', 'CHF'), ('CL', 'CLP'), ('CN', 'CNY'), ('CO', 'COP'), ('CY', 'EUR'), ('CZ', 'CZK'), ('DE', 'EUR'), ('DK', 'DKK'), ('EC', 'USD'),
      ('EE', 'EUR'), ('EG', 'EGP'), ('ES', 'EUR'), ('FI', 'EUR'), ('FR', 'EUR'), ('GB', 'GBP'), ('GR', 'EUR'), ('HK', 'HKD'), ('HR', 'EUR'), ('HU', 'HUF'),
      ('ID', 'IDR'), ('IE', 'EUR'), ('IL', 'ILS'), ('IN', 'INR'), ('IS', 'ISK'), ('IT', 'EUR'), ('JO', 'JOD'), ('JP', 'JPY'), ('KE', 'KES'), ('KR', 'KRW'),
      ('KW', 'KWD'), ('LI', 'CHF'), ('LT', 'EUR'), ('LU', 'EUR'), ('LV', 'EUR'), ('MC', 'EUR'), ('ME', 'EUR'), ('MT', 'EUR'), ('MX', 'MXN'), ('MY', 'MYR'),
      ('NG', 'NGN'), ('NL', 'EUR'), ('NO', 'NOK'), ('NZ', 'NZD'), ('OM', 'OMR'), ('PE', 'PEN'), ('PH', 'PHP'), ('PK', 'PKR'), ('PL', 'PLN'), ('PR', 'USD'),
      ('PT', 'EUR'), ('QA', 'QAR'), ('RO', 'RON'), ('RU', 'RUB'), ('SA', 'SAR'), ('SE', 'SEK'), ('SG', 'SGD'), ('SI', 'EUR'), ('SK', 'EUR'), ('SM', 'EUR'),
      ('SV', 'USD'), ('TH', 'THB'), ('TR', 'TRY'), ('TW', 'TWD'), ('UA', 'UAH'), ('US', 'USD'), ('VA', 'EUR'), ('VN', 'VND'), ('ZA', 'ZAR')
    ),
    language_currency(language, currency) AS (VALUES
      ('bg', 'EUR'), ('cs', 'CZK'), ('da', 'DKK'), ('de', 'EUR'), ('el', 'EUR'), ('en', 'USD'), ('es', 'EUR'), ('et', 'EUR'), ('fi', 'EUR'), ('fr', 'EUR'),
      ('ga', 'EUR'), ('he', 'ILS'), ('hi', 'INR'), ('hr', 'EUR'), ('hu', 'HUF'), ('id', 'IDR'), ('is', 'ISK'), ('it', 'EUR'), ('ja', 'JPY'), ('ko', 'KRW'),
      ('lt', 'EUR'), ('lv', 'EUR'), ('mt', 'EUR'), ('nb', 'NOK'), ('nl', 'EUR'), ('pl', 'PLN'), ('pt', 'BRL'), ('ro', 'RON'), ('ru', 'RUB'), ('sk', 'EUR'),
      ('sl', 'EUR'), ('sv', 'SEK'), ('th', 'THB'), ('tr', 'TRY'), ('uk', 'UAH'), ('vi', 'VND'), ('zh', 'CNY')
    ),
    -- The stored tag, upper case, between dashes: '"de-DE"' → '-DE-DE-'.
    tag(t) AS (SELECT '-' || upper(replace(json_extract(value, '$'), '_', '-')) || '-' FROM settings WHERE key = 'locale' AND json_type(value) = 'text'),
    -- Without extensions (-u-ca-gregory, -t-…, -x-…), whose keys could read as a region ("ca").
    cut_u(t) AS (SELECT CASE WHEN instr(t, '-U-') > 0 THEN substr(t, 1, instr(t, '-U-')) ELSE t END FROM tag),
    cut_t(t) AS (SELECT CASE WHEN instr(t, '-T-') > 0 THEN substr(t, 1, instr(t, '-T-')) ELSE t END FROM cut_u),
    cut_x(t) AS (SELECT CASE WHEN instr(t, '-X-') > 0 THEN substr(t, 1, instr(t, '-X-')) ELSE t END FROM cut_t),
    -- The language, and the subtags after it ('-DE-'; '-HANS-CN-'; '-' when there are none).
    parts(language, rest) AS (SELECT lower(substr(t, 2, instr(substr(t, 2), '-') - 1)), substr(t, instr(substr(t, 2), '-') + 1) FROM cut_x)
  SELECT coalesce(
    (SELECT r.currency FROM region_currency r, parts p WHERE instr(p.rest, '-' || r.region || '-') > 0 ORDER BY instr(p.rest, '-' || r.region || '-') LIMIT 1),
    (SELECT l.currency FROM language_currency l, parts p WHERE l.language = p.language)
  )
), 'USD');

-- No minor unit (JPY, KRW…): 12000 hundredths are ¥120. A campaign with hundredths in its amounts
-- (typed as "120.50") keeps USD instead, with its amounts as they are: nothing typed is rounded away.
UPDATE campaigns SET currency = 'USD'
  WHERE currency IN ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF')
    AND (cost_cents % 100 <> 0 OR revenue_cents % 100 <> 0);
UPDATE campaigns SET cost_cents = cost_cents / 100, revenue_cents = revenue_cents / 100
  WHERE currency IN ('BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF');
-- Three minor digits (KWD, BHD…): 12050 hundredths are 12.050 KWD, 120500 fils.
UPDATE campaigns SET cost_cents = cost_cents * 10, revenue_cents = revenue_cents * 10
  WHERE currency IN ('BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND');
