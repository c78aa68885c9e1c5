export {
  Announcement,
  type AnnouncementLabels,
  type AnnouncementProps,
  DEFAULT_ANNOUNCEMENT_LABELS,
} from './Announcement';
