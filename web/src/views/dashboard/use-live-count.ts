// The live check-in count of one or more units, added up (server-sent
// events, docs/dashboards.md): the province watches each chain's top. The
// browser's EventSource reconnects by itself when a stream ends.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue'
import { liveUrl, type LiveCount } from '@/api/dashboard'
import { parseLive } from './dashboard-figures'

export function useLiveCount(campaignId: Ref<number | null>, unitIds: Ref<readonly number[]>) {
  const counts = ref<Record<number, LiveCount>>({})
  const connected = ref(false)
  let sources: EventSource[] = []

  function close() {
    for (const s of sources) s.close()
    sources = []
    connected.value = false
  }

  function open() {
    close()
    counts.value = {}
    const campaign = campaignId.value
    if (!campaign || typeof EventSource === 'undefined') return
    for (const unit of unitIds.value) {
      const source = new EventSource(liveUrl(campaign, unit))
      source.addEventListener('open', () => (connected.value = true))
      source.addEventListener('checkins', (e) => {
        const v = parseLive((e as MessageEvent<string>).data)
        if (v) counts.value = { ...counts.value, [unit]: v }
      })
      sources.push(source)
    }
  }

  /** Everyone admitted or counted at the door so far; null before the first event. */
  const total = computed(() => {
    const values = Object.values(counts.value)
    if (!values.length) return null
    return values.reduce((n, v) => n + v.checked_in + v.walk_ins, 0)
  })
  const at = computed(() => Object.values(counts.value).reduce((a, v) => (v.at > a ? v.at : a), ''))

  watch([campaignId, () => unitIds.value.join(',')], open, { immediate: true })
  onBeforeUnmount(close)
  return { total, at, connected }
}
