package io.github.persistentassignment.codec;

/** The field names of the universal schema. */
final class Fields {
  static final String VALUE = "value";
  static final String JSON_VALUE = "json_value";
  static final String RULE_ID = "rule_id";
  static final String GROUP_NAME = "group_name";
  static final String SECONDARY_EXPOSURES = "secondary_exposures";
  static final String UNDELEGATED_SECONDARY_EXPOSURES = "undelegated_secondary_exposures";
  static final String CONFIG_DELEGATE = "config_delegate";
  static final String EXPLICIT_PARAMETERS = "explicit_parameters";
  static final String TIME = "time";
  static final String CONFIG_VERSION = "config_version";

  /** Written by SDKs that serialize the field name as declared rather than in snake_case. */
  static final String CONFIG_VERSION_CAMEL = "configVersion";

  static final String GATE = "gate";
  static final String GATE_VALUE = "gateValue";
  static final String EXPOSURE_RULE_ID = "ruleID";

  private Fields() {}
}
