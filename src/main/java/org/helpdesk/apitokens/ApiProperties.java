package org.helpdesk.apitokens;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** Settings of the REST API: the largest request body it reads. */
@ConfigurationProperties("helpdesk.api")
record ApiProperties(@DefaultValue("1MB") DataSize maxRequestSize) {
}
