import { AppLayout } from '@/components/layout/AppLayout';
import { ExportButton } from '@/features/export/components/ExportButton';
import { ImportButton } from '@/features/import/components/ImportButton';
import { StatusScreen } from '@/features/status/components/StatusScreen';
import { AppProvider } from './provider';

export function App() {
  return (
    <AppProvider>
      <AppLayout>
        <StatusScreen
          actions={
            <>
              <ExportButton />
              <ImportButton />
            </>
          }
        />
      </AppLayout>
    </AppProvider>
  );
}
