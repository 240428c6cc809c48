<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        Une erreur est survenue
    <#elseif section = "form">
        <div id="kc-error-message">
            <div class="fr-alert fr-alert--error fr-mb-3w" role="alert"><p>${kcSanitize(message.summary)?no_esc}</p></div>
            <#if !skipLink?? && client?? && client.baseUrl?has_content>
                <p><a id="backToApplication" class="fr-btn" href="${client.baseUrl}">Retour au guichet</a></p>
            </#if>
        </div>
    </#if>
</@layout.registrationLayout>
