import { shallowRef, ref, watch } from 'vue'
import type { ShallowRef } from 'vue'
import { useRoute } from 'vue-router'
import { ApiError } from '@/api/request'
import { siteTitle } from '@/locales/zh-CN'

/**
 * One public record named by the route's `id` (an activity, a news item, a
 * school's 专栏): loaded on entering the page and again when the id
 * changes, with `loading`, and `missing` when the server answers that it does
 * not exist or is not public (404/400) rather than failing. The tab's title
 * becomes `title(record)`.
 */
export function usePublicRecord<T>(fetch: (id: number) => Promise<T>, title: (record: T) => string) {
  const route = useRoute()
  const record: ShallowRef<T | null> = shallowRef(null)
  const loading = ref(true)
  const missing = ref(false)

  async function load(id: number) {
    loading.value = true
    missing.value = false
    record.value = null
    try {
      record.value = await fetch(id)
      document.title = `${title(record.value)} - ${siteTitle}`
    } catch (e) {
      missing.value = e instanceof ApiError && (e.status === 404 || e.status === 400)
    } finally {
      loading.value = false
    }
  }

  watch(
    () => route.params.id,
    (id) => {
      if (id) void load(Number(id))
    },
    { immediate: true },
  )
  return { record, loading, missing }
}
