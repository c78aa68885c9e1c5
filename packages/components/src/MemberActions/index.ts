export { MemberActions, type MemberActionsProps, type MemberActionsTarget } from './MemberActions';
