/** Paged lists as the API answers them (`pageSize` 1 to 50, `pageNumber` from 0). */
import type { Reply } from './jobs';

export function page(items: unknown[], url: URL): Reply {
  const size = Number(url.searchParams.get('pageSize') ?? 50);
  const number = Number(url.searchParams.get('pageNumber') ?? 0);
  if (!Number.isInteger(size) || size < 1 || size > 50) {
    return [400, { errorCode: 'InvalidArguments', errorDescription: 'pageSize must be between 1 and 50' }];
  }
  const content = items.slice(number * size, (number + 1) * size);
  return [
    200,
    {
      totalElements: items.length,
      totalPages: Math.ceil(items.length / size),
      pageSize: size,
      pageNumber: number,
      numberOfElements: content.length,
      content,
      sort: { orders: [] },
    },
  ];
}
