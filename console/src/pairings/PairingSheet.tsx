import type { ReactNode } from 'react';
import { Drawer } from 'antd';
import { useNarrow } from '../layout/useNarrow';

/** A form over the page: the whole screen on a phone (nothing to scroll sideways), a side panel at a desk. */
export function PairingSheet({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const narrow = useNarrow();
  return (
    <Drawer open={open} title={title} onClose={onClose} placement={narrow ? 'bottom' : 'right'} size={narrow ? '100%' : 480} destroyOnHidden>
      {children}
    </Drawer>
  );
}
