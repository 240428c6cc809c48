<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if messageHeader??>${kcSanitize(msg("${messageHeader}"))?no_esc}<#else>${message.summary}</#if>
    <#elseif section = "form">
        <div id="kc-info-message">
            <p>${message.summary}<#if requiredActions??><#list requiredActions> : <strong><#items as reqActionItem>${kcSanitize(msg("requiredAction.${reqActionItem}"))?no_esc}<#sep>, </#items></strong></#list></#if></p>
            <#if !skipLink??>
                <#if pageRedirectUri?has_content>
                    <p><a class="fr-btn" href="${pageRedirectUri}">Retour au guichet</a></p>
                <#elseif actionUri?has_content>
                    <p><a class="fr-btn" href="${actionUri}">Continuer</a></p>
                <#elseif (client.baseUrl)?has_content>
                    <p><a class="fr-btn" href="${client.baseUrl}">Retour au guichet</a></p>
                </#if>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
