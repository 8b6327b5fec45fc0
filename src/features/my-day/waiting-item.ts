/** One request that needs the user's answer or approval, as a link to where it is answered. */
export interface WaitingItem {
  kind: 'swap_answer' | 'swap_approve' | 'move' | 'cover_take' | 'cover_approve';
  id: number;
  href: string;
  text: string;
}
