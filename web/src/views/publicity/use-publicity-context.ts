import { computed, ref, watch } from 'vue'
import { getActivityCategories, type ActivityCategory } from '@/api/activities'
import { getCampaign, type ThemeDay } from '@/api/campaigns'
import { getUnitTree, type UnitNode } from '@/api/units'
import { showError } from '@/composables/use-field-errors'
import { useCampaignStore } from '@/stores/campaign'
import { useUserStore } from '@/stores/user'
import { ancestorIds, buildUnitTree } from '@/utils/tree'

/**
 * What every page of the material library needs: the campaign picked, its
 * theme days and categories (the tags), the units the user sees, and who may
 * edit a unit's items (unit administrators, organisers and publicity officers).
 */
export function usePublicityContext() {
  const store = useCampaignStore()
  const user = useUserStore()
  const nodes = ref<UnitNode[]>([])
  const days = ref<ThemeDay[]>([])
  const categories = ref<ActivityCategory[]>([])
  const tree = computed(() => buildUnitTree(nodes.value))

  function editable(unitId: number): boolean {
    const up = ancestorIds(nodes.value, unitId)
    return user.reaches('unit_admin', up) || user.reaches('organiser', up) || user.reaches('publicity', up)
  }
  const editableUnits = computed(() => nodes.value.filter((n) => editable(n.id)).map((n) => n.id))
  const unitName = (id: number | undefined) => nodes.value.find((n) => n.id === id)?.name ?? ''
  const categoryName = (code: string) => categories.value.find((c) => c.code === code)?.name ?? code

  async function loadCampaign(id: number | null): Promise<void> {
    if (!id) {
      days.value = []
      categories.value = []
      return
    }
    try {
      const [c, cats] = await Promise.all([getCampaign(id), getActivityCategories(id)])
      days.value = c.days
      categories.value = cats.items
    } catch (e) {
      showError(e)
    }
  }

  /** Loads the units and the campaign list, then follows the campaign picked. */
  async function init(): Promise<void> {
    try {
      const [t] = await Promise.all([getUnitTree(), store.load()])
      nodes.value = t.items
    } catch (e) {
      showError(e)
    }
    await loadCampaign(store.selectedId)
  }
  watch(
    () => store.selectedId,
    (id) => void loadCampaign(id),
  )

  return { store, user, nodes, tree, days, categories, editable, editableUnits, unitName, categoryName, init }
}
