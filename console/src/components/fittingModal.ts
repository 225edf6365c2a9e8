import type { ModalProps } from 'antd';

/**
 * A dialog that fits the screen: on a phone it sits near the top and its body scrolls, so that its
 * buttons stay in view however long the form (antd already keeps it 16 px inside each side).
 */
export function fittingModal(narrow: boolean): Pick<ModalProps, 'styles' | 'style' | 'centered'> {
  return narrow ? { style: { top: 8, paddingBottom: 0 }, styles: { body: { maxHeight: 'calc(100dvh - 140px)', overflowY: 'auto' } } } : { centered: false };
}
