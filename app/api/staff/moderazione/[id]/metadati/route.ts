import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { editMetadata, metadataSchema } from '@/lib/moderation';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* A moderator corrects a message's title, description, language or themes. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    const input = parseForm(
      metadataSchema,
      {
        title: field(data, 'title'),
        description: field(data, 'description'),
        language: field(data, 'language'),
        themes: data.getAll('themes').map(Number),
        revision: field(data, 'revision'),
      },
      t,
    );
    await editMetadata(db(), user, id, input);
    revalidatePath('/', 'layout');
    return { redirectTo: `/staff/moderazione/${id}?esito=modificato` };
  });
}
