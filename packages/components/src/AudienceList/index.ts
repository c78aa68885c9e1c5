export { AudienceList, type AudienceListProps } from './AudienceList';
