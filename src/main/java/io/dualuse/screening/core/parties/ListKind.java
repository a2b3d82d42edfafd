package io.dualuse.screening.core.parties;

/** MOFCOM's lists of foreign entities, and what each does to an export (rules/cn-control-lists/SOURCE.md). */
public enum ListKind {
    /** 出口管制管控名单: dual-use exports to the entity are prohibited. */
    CONTROL,
    /** 关注名单: the exporter must verify end user and end use; no general licence; individual licence with a risk assessment. */
    WATCH,
    /** 不可靠实体清单: China-related import and export with the entity are prohibited, dual-use or not. */
    UNRELIABLE
}
