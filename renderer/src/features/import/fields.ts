import type { ImportIssueDto } from '../../../../shared/contract/features/io';

/** How the preview names each field of a row, in the creator's words. */
export const FIELD_LABELS: Record<ImportIssueDto['field'], string> = {
  when: 'Date and time',
  zone: 'Time zone',
  text: 'Text',
  accounts: 'Accounts',
  link: 'Link',
  media: 'Media',
  altText: 'Alt text',
  firstComment: 'First comment',
  campaign: 'Campaign',
  row: 'Row',
};
